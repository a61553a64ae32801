"""Streamlit caches resources per process; tests that change settings clear them."""


def clear_app_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
