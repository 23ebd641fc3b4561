"""The scenario files under data/ are inputs of these tests (some deliberately broken or
failing), not scenarios of the suite: the plugin must not collect them."""

collect_ignore = ["data"]
