"""The Django project of the service-centre site (imported as ``portal``)."""
