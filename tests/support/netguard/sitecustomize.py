"""Loaded by Python at start-up in subprocesses the tests launch (PYTHONPATH includes this folder)."""

import poa_netguard

poa_netguard.install()
