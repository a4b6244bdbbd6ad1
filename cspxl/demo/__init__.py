"""The demo: the whole cycle on the example plan, with simulated partners filling in their returns."""
