// A report with ZeroDivision.nan holds NaN, which JSON cannot represent and
// JSONEncoder rejects by default: rows encode NaN as null (and decode null as NaN),
// so every report encodes with a default JSONEncoder.

extension ClassificationReport.Row {
  private enum CodingKeys: String, CodingKey {
    case name, precision, recall, f1Score, support
  }

  /// Decodes a row; a null score decodes as NaN.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func score(_ key: CodingKeys) throws -> Double {
      try container.decodeIfPresent(Double.self, forKey: key) ?? .nan
    }
    self.init(
      name: try container.decode(String.self, forKey: .name),
      precision: try score(.precision),
      recall: try score(.recall),
      f1Score: try score(.f1Score),
      support: try container.decode(Int.self, forKey: .support))
  }

  /// Encodes a row; a NaN score encodes as null.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    func encode(_ score: Double, _ key: CodingKeys) throws {
      if score.isNaN {
        try container.encodeNil(forKey: key)
      } else {
        try container.encode(score, forKey: key)
      }
    }
    try container.encode(name, forKey: .name)
    try encode(precision, .precision)
    try encode(recall, .recall)
    try encode(f1Score, .f1Score)
    try container.encode(support, forKey: .support)
  }
}
