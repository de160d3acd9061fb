import LatentModels
import Testing

@Suite("Class encoding")
struct ClassEncodingTests {
  struct Tag: Hashable, Sendable { let name: String }

  func encodeGenerically<L: Hashable & Sendable>(_ labels: [L]) -> ClassEncoding<L> { ClassEncoding(labels: labels) }

  @Test func comparableLabelsAreSortedEvenInGenericCode() {
    let encoding = encodeGenerically(["dog", "cat", "dog", "bird"])
    #expect(encoding.classes == ["bird", "cat", "dog"])
    #expect(encoding.indices == [2, 1, 2, 0])
    #expect(encoding.counts == [1, 1, 2])
    #expect(encodeGenerically([3, 1, 2, 1]).classes == [1, 2, 3])
  }

  @Test func otherLabelsKeepFirstAppearance() {
    let encoding = ClassEncoding(labels: [Tag(name: "b"), Tag(name: "a"), Tag(name: "b")])
    #expect(encoding.classes == [Tag(name: "b"), Tag(name: "a")])
    #expect(encoding.indices == [0, 1, 0])
  }
}
