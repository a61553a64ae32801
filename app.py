"""Streamlit entry point. UI only: everything it shows comes from the `poa` package."""

import streamlit as st

st.set_page_config(page_title="POA Assistant", page_icon="📝")
st.title("POA Assistant")
st.write(
    "Drafts the Plan of Action Amazon's Seller Performance team asks for: one root cause, "
    "dated actions, and prevention that answers that cause. The chat arrives in a later release; "
    "meanwhile use the `poa` command."
)
