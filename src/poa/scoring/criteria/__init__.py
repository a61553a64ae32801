"""One module per rubric criterion (see `base.CriterionSpec`)."""
