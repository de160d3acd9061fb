// LatentData: loading images, IDX and NumPy files into Matrix rows.
import LatentLinearAlgebra
