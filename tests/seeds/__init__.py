"""Per-seed exact facts through the whole pipeline (build -> store -> named queries)."""
