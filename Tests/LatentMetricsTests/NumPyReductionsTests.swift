import Testing

@testable import LatentMetrics

@Suite("NumPy's order of additions")
struct NumPyReductionsTests {
  /// values[i] = ±1/(i+1), plus 1000 at every third index: sums that depend on the order.
  private func values(_ count: Int) -> [Double] {
    (0..<count).map { (i: Int) -> Double in
      let sign: Double = i.isMultiple(of: 2) ? 1 : -1
      let offset: Double = i % 3 == 0 ? 1000 : 0
      return sign * (1 / Double(i + 1)) + offset
    }
  }

  @Test("Pairwise sums equal numpy.sum to the bit (short, blocked and recursive paths)")
  func pairwiseSum() {
    // numpy 2.4.6: np.sum(np.array([((-1)**i)*(1.0/(i+1)) + 1e3*(i%3==0) for i in range(n)]))
    let expected: [(Int, Double)] = [
      (13, 5000.7301337551335), (40, 14000.680803381794),
      (200, 67000.69065343049), (1000, 334000.6926474306),
    ]
    for (count, sum) in expected {
      #expect(NumPyReductions.sum(values(count)) == sum, "n = \(count)")
    }
    // The order matters: a plain left-to-right sum differs for these.
    #expect(values(40).reduce(0, +) != 14000.680803381794)
  }

  @Test("Means ignore NaN, weighted means fall back to the plain mean when weights sum to 0")
  func means() {
    #expect(NumPyReductions.meanIgnoringNaN([0.25, .nan, 0.75]) == 0.5)
    #expect(NumPyReductions.meanIgnoringNaN([.nan, .nan]).isNaN)
    #expect(NumPyReductions.meanIgnoringNaN([]).isNaN)
    #expect(NumPyReductions.weightedMeanIgnoringNaN([1, .nan, 0], weights: [1, 5, 3]) == 0.25)
    #expect(NumPyReductions.weightedMeanIgnoringNaN([0.5, 1], weights: [0, 0]) == 0.75)
    #expect(NumPyReductions.weightedMeanIgnoringNaN([.nan], weights: [2]).isNaN)
  }
}
