"""The drafting scenarios in evals/cases/ (dev split) and the revision pairs, shared by tests."""

from poa.core.config import PROJECT_ROOT
from poa.evals.datasets import CaseSuite, RevisionSuite, load_suite

DEV = load_suite(PROJECT_ROOT / "evals" / "cases" / "dev.yaml", CaseSuite).cases
REVISION = load_suite(PROJECT_ROOT / "evals" / "revision" / "revision.yaml", RevisionSuite).cases
