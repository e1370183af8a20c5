"""Pure statistics: post-stratification weights, intervals, small-cell suppression. No Flask, no DB."""
