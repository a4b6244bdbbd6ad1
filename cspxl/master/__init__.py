"""Where a period stands (the view ``status`` and the master share) and the master workbook made from it."""
