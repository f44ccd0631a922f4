"""The offline map: where the centre's open cases are, drawn without any map service.

The rooms: ``projection`` (longitude and latitude to metres on a flat page), ``layers``
(the base layers an administrator loads once: roads, buildings), ``roads`` (roads traced
from the reports' own coordinates when no layer is loaded), ``grid`` (the masked 100 m
cells of the council's page), ``selection`` (which points an area on the map holds) and
``service`` (what the client's map tab asks for, in the signed-in account's scope).
"""
