#if canImport(Foundation)
  import Foundation
#endif

/// The processor features that decide which OpenBLAS kernel can run, read
/// from `/proc/cpuinfo` on Linux.
public struct CPUFeatures: Sendable, Equatable {
  /// The CPU model name, such as "Intel(R) Xeon(R) Platinum 8488C".
  public var modelName: String
  /// The vendor identifier, such as "GenuineIntel" or "AuthenticAMD".
  public var vendor: String
  /// The feature flags, such as "avx2", "fma", "avx512f", "avx512_bf16".
  public var flags: Set<String>

  /// Creates a description from its parts (useful to test kernel choices).
  public init(modelName: String, vendor: String, flags: Set<String>) {
    self.modelName = modelName
    self.vendor = vendor
    self.flags = flags
  }

  /// Parses the text of `/proc/cpuinfo` (the first processor's entry).
  public init?(cpuinfo text: String) {
    var model = ""
    var vendor = ""
    var flags: Set<String>?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty && flags != nil { break }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      switch key {
      case "model name": model = value
      case "vendor_id": vendor = value
      case "flags": flags = Set(value.split(separator: " ").map(String.init))
      default: break
      }
    }
    guard let flags else { return nil }
    self.init(modelName: model, vendor: vendor, flags: flags)
  }

  /// This machine's features, or `nil` where `/proc/cpuinfo` is unavailable.
  public static let current: CPUFeatures? = {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
    return CPUFeatures(cpuinfo: text)
  }()
}

/// OpenBLAS x86-64 kernels, ranked, and the rule that picks one from CPU flags.
enum KernelChoice {
  /// Kernels by capability; a higher rank runs wider vector code. Names not
  /// listed are unknown here and always left alone.
  static let rank: [String: Int] = {
    var table: [String: Int] = [:]
    for name in [
      "prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai", "coppermine",
      "northwood", "banias", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat",
      "bulldozer", "piledriver", "steamroller", "excavator", "sandybridge", "generic",
    ] { table[name] = 0 }
    for name in ["haswell", "zen"] { table[name] = 1 }
    table["skylakex"] = 2
    table["cooperlake"] = 3
    table["sapphirerapids"] = 4
    return table
  }()

  /// The best kernel this Debian OpenBLAS (0.3.21) can run on these flags.
  /// Cooperlake needs AVX-512 BF16; SkylakeX needs AVX-512 F/BW/VL/DQ/CD;
  /// Haswell needs AVX2 and FMA. A kernel the CPU lacks dies with an illegal instruction.
  static func recommended(for cpu: CPUFeatures) -> String? {
    let avx512 = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"].allSatisfy(cpu.flags.contains)
    if avx512 && cpu.flags.contains("avx512_bf16") { return "Cooperlake" }
    if avx512 { return "SkylakeX" }
    if cpu.flags.contains("avx2") && cpu.flags.contains("fma") { return "Haswell" }
    return nil
  }

  /// Whether `current` is a known kernel of lower rank than `candidate`.
  static func isWeaker(_ current: String, than candidate: String) -> Bool {
    guard let have = rank[current.lowercased()], let want = rank[candidate.lowercased()] else { return false }
    return have < want
  }
}
