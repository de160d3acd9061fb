// The release-only photo check (LATENT_RELEASE_CHECKS=1 swift test -c release --filter
// PhotoReleaseTests): 512 Fashion-MNIST images (128 of each of T-shirt/top, Pullover, Coat,
// Shirt) upscaled by the photo recipe to 250 × 400 = 100,000 pixels, against photo.json's
// release cases: LDA svd (Double, and Float against the same Double reference) and PCA with
// 3 components against scikit-learn 1.9.1, and LDA with Ledoit–Wolf shrinkage against the
// generator's low-rank NumPy reference (scikit-learn's eigen solver would form d × d
// matrices; the generator validates that reference against it at d = 2,000). Predictions on
// the training rows and on 512 held-out images (the next 128 of each class) must be
// identical. Tolerances as in PhotoReferenceTests.swift, from the κ the fixture stores.
// OpenBLAS runs whatever kernel it picks (none is forced). Needs a release build and about
// 2 GB of memory.
import Foundation
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

#if DEBUG
  private let isReleaseBuild = false
#else
  private let isReleaseBuild = true
#endif

private let photoReleaseChecks = isReleaseBuild && ProcessInfo.processInfo.environment["LATENT_RELEASE_CHECKS"] == "1"

@Suite("Photo-like data at 512 × 100,000 (release)", .serialized, .enabled(if: photoReleaseChecks))
struct PhotoReleaseTests {
  static let dataset = "photo-4x128-250x400"

  var checks: PhotoChecks { get throws { PhotoChecks(dataset: try PhotoDataset(named: Self.dataset), release: true) } }

  @Test func ldaSVDDouble() throws {
    print("Photo release check: OpenBLAS \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads")
    let model = try checks.lda(.svd, Double.self)
    // κ of the svd matrix is far beyond what the Gram route's ε·κ² allows: Cholesky QR.
    #expect(model.svdRoute == .choleskyQR)
  }
  @Test func ldaSVDFloat() throws {
    let model = try checks.lda(.svd, Float.self)
    #expect(model.svdRoute == .choleskyQR)
  }
  @Test func ldaLedoitWolfDouble() throws { try checks.lda(.eigen(shrinkage: .ledoitWolf), Double.self) }
  @Test func pcaDouble() throws { try checks.pca(Double.self) }
}
