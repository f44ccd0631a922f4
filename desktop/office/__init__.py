"""The office: its community centres (``centres``), the territory rules that route an alert
to one of them (``territory``), and the settings screen's service for centres, staff
accounts and deadline rules (``service``)."""
