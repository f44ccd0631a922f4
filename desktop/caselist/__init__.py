"""The case list: its rows (``listing``) and the client's service for its table (``service``)."""
