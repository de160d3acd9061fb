// LatentModels: the estimators of the image-embedding workflow (PCA, LDA,
// nearest centroid), one folder each, on top of LatentLinearAlgebra.
import LatentLinearAlgebra
