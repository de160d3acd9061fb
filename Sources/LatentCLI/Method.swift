import ArgumentParser
import LatentModels

/// One way of embedding the images before the nearest-centroid step.
enum Method: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
  case raw
  case lda2
  case lda3
  case lda2Shrinkage = "lda2-shrinkage"
  case lda3Shrinkage = "lda3-shrinkage"
  case pca2
  case pca3

  /// What the method does, in a few words.
  var summary: String {
    switch self {
    case .raw: "raw pixels, no projection"
    case .lda2: "LDA (svd solver) to 2-D"
    case .lda3: "LDA (svd solver) to 3-D"
    case .lda2Shrinkage: "LDA (eigen solver, Ledoit–Wolf shrinkage) to 2-D"
    case .lda3Shrinkage: "LDA (eigen solver, Ledoit–Wolf shrinkage) to 3-D"
    case .pca2: "PCA to 2-D"
    case .pca3: "PCA to 3-D"
    }
  }

  /// The number of dimensions after projection, or `nil` for raw pixels.
  var dimensions: Int? {
    switch self {
    case .raw: nil
    case .lda2, .lda2Shrinkage, .pca2: 2
    case .lda3, .lda3Shrinkage, .pca3: 3
    }
  }

  /// The projection's settings (Euclidean nearest centroid follows in every case).
  var projection: ProjectionSettings {
    switch self {
    case .raw: .identity
    case .lda2: .lda(LinearDiscriminantAnalysis(solver: .svd, componentCount: 2))
    case .lda3: .lda(LinearDiscriminantAnalysis(solver: .svd, componentCount: 3))
    case .lda2Shrinkage: .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf), componentCount: 2))
    case .lda3Shrinkage: .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf), componentCount: 3))
    case .pca2: .pca(PrincipalComponentAnalysis(componentCount: .count(2)))
    case .pca3: .pca(PrincipalComponentAnalysis(componentCount: .count(3)))
    }
  }

  /// Parses "raw,lda2 lda3" style lists (commas or separate words); "all" means every method.
  static func parseList(_ words: [String]) throws -> [Method] {
    var result: [Method] = []
    for word in words.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
      if word == "all" {
        result += allCases.filter { !result.contains($0) }
        continue
      }
      guard let method = Method(rawValue: word) else {
        throw ValidationError("unknown method '\(word)'; choose from \(allCases.map(\.rawValue).joined(separator: ", ")), or all.")
      }
      if !result.contains(method) { result.append(method) }
    }
    guard !result.isEmpty else { throw ValidationError("--methods needs at least one method.") }
    return result
  }
}
