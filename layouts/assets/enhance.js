// Optional enhancement: the page is complete without it.
