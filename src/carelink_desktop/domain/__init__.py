"""The care home's concepts and rules, in plain Python (standard library only)."""
