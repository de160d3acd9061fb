// LatentMetrics: classification metrics in pure Swift (no BLAS): confusion
// matrix, precision, recall, F-scores and reports, as scikit-learn 1.9.1 defines
// them. Docs/Metrics.md maps every function and parameter to scikit-learn's.
