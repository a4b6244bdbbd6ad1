"""The partnership's year as a whole: the year end (rollover) and the year's workbook."""
