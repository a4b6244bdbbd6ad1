"""The partner return: its layout (one table of columns), writing and issuing it, receiving what comes
back (reading and checking each file, what changed outside the inputs), and the corrections sent back."""
