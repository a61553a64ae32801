"""The drafting scenarios in evals/cases/ (dev split), shared by drafting tests."""

from poa.config import PROJECT_ROOT
from poa.datasets import CaseSuite, load_suite

DEV = load_suite(PROJECT_ROOT / "evals" / "cases" / "dev.yaml", CaseSuite).cases
