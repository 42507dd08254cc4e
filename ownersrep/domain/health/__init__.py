"""Project health: KPIs, RAG status per area with thresholds and overrides, and the
prioritisation score of projects in the portfolio."""
