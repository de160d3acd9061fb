// LatentMetrics: classification metrics in pure Swift (no BLAS): confusion
// matrix, precision, recall, F-scores and reports, as scikit-learn defines them.
