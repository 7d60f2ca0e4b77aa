"""The weekly boundary review as pages to take to clinical supervision."""
