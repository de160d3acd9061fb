// The OpenBLAS runtime: kernel reporting, thread control, and the kernel choice
// from CPU flags (checked on synthetic CPUs, since the test machine is only one CPU).
@testable import LatentLinearAlgebra
import Testing

@Suite("OpenBLAS runtime")
struct RuntimeTests {
  @Test func reportsKernelAndThreads() {
    #expect(!OpenBLASRuntime.kernelName.isEmpty && OpenBLASRuntime.kernelName != "unknown")
    #expect(OpenBLASRuntime.configuration.hasPrefix("OpenBLAS"))
    #expect(OpenBLASRuntime.threadCount >= 1)
    #expect(OpenBLASRuntime.processorCount >= 1)
  }

  @Test func setsTheThreadCount() {
    let original = OpenBLASRuntime.threadCount
    OpenBLASRuntime.setThreadCount(1)
    #expect(OpenBLASRuntime.threadCount == 1)
    OpenBLASRuntime.setThreadCount(original)
    #expect(OpenBLASRuntime.threadCount == original)
  }

  @Test func parsesCPUInfo() throws {
    let text = """
      processor\t: 0
      vendor_id\t: GenuineIntel
      model name\t: Intel(R) Xeon(R) Platinum 8488C
      flags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 amx_tile

      processor\t: 1
      flags\t\t: fpu
      """
    let cpu = try #require(CPUFeatures(cpuinfo: text))
    #expect(cpu.vendor == "GenuineIntel")
    #expect(cpu.modelName == "Intel(R) Xeon(R) Platinum 8488C")
    #expect(cpu.flags.contains("avx512_bf16") && cpu.flags.count == 11)
    #expect(CPUFeatures(cpuinfo: "no flags here") == nil)
  }

  @Test func choosesTheBestKernelTheCPUSupports() {
    func cpu(_ flags: String) -> CPUFeatures { CPUFeatures(modelName: "", vendor: "", flags: Set(flags.split(separator: " ").map(String.init))) }
    let avx512 = "avx2 fma avx512f avx512bw avx512vl avx512dq avx512cd"
    #expect(KernelChoice.recommended(for: cpu(avx512 + " avx512_bf16")) == "Cooperlake")
    #expect(KernelChoice.recommended(for: cpu(avx512)) == "SkylakeX")
    #expect(KernelChoice.recommended(for: cpu("avx2 fma")) == "Haswell")
    #expect(KernelChoice.recommended(for: cpu("avx2")) == nil, "Haswell kernels need FMA")
    #expect(KernelChoice.recommended(for: cpu("sse2 avx")) == nil)
  }

  @Test func restartsOnlyFromAKnownWeakerKernel() {
    #expect(KernelChoice.isWeaker("Prescott", than: "Cooperlake"))
    #expect(KernelChoice.isWeaker("Haswell", than: "SkylakeX"))
    #expect(!KernelChoice.isWeaker("Zen", than: "Haswell"), "Zen is OpenBLAS's right choice on AMD")
    #expect(!KernelChoice.isWeaker("Cooperlake", than: "Cooperlake"))
    #expect(!KernelChoice.isWeaker("SomeFutureCore", than: "Haswell"), "unknown kernels are left alone")
  }
}
