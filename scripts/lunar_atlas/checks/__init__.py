"""The checks the validator runs, each module one family of rules."""
