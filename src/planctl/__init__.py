"""planctl: write, check, publish and follow up municipal crime-prevention plans."""

__version__ = "0.2.0"
