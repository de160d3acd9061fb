#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The C library's elementary functions, for the few places where LDA needs them
// (log priors, softmax, the logistic function). The standard library has no
// generic `log` or `exp`; `Float` results go through `Double`.

@inline(__always)
func naturalLog(_ x: Double) -> Double { log(x) }

@inline(__always)
func naturalExp(_ x: Double) -> Double { exp(x) }
