"""Helpers shared by the tests: scripted servers, fixtures' data, the CLI runner, child-process env."""
