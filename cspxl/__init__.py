"""cspxl: a Community Safety Partnership's quarterly monitoring cycle in Excel workbooks."""
__version__ = "0.1.0"
