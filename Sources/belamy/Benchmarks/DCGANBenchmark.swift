import Foundation
import NeuralCore

/// The DCGAN 64×64 workload of `dcgan_ref.py`: generator forward latency at batch 1 and 64, and
/// the pytorch-examples training step (D on real and fake, then G), with the same shapes,
/// initialisation, Adam settings and repetition counts.
///
/// One difference in form, none in maths: the reference ends D with `Sigmoid` and uses `BCELoss`;
/// here D ends at the last convolution and the loss is `binaryCrossEntropyWithLogits`, which is
/// the same function of the logits computed stably (and what Belamy's portrait trainer uses).
struct DCGANBenchmark: Benchmark {
    struct Options {
        var batch = 64
        var latentSize = 100
        var generatorFeatures = 64
        var discriminatorFeatures = 64
        var steps = 10
        var warmup = 3
        var forwardRepetitions = 20
        var threads = 2
        var seed: UInt64 = 0
    }

    let options: Options

    func run() -> JSONValue {
        CoreThreads.count = options.threads
        var generator = RandomGenerator(seed: options.seed)
        let channels = 3
        let netG = DCGANNetwork.generator(latentSize: options.latentSize, features: options.generatorFeatures,
                                          channels: channels, generator: &generator)
        let netD = DCGANNetwork.discriminator(features: options.discriminatorFeatures, channels: channels,
                                              generator: &generator)
        let gMACs = netG.multiplyAccumulatesPerImage(inputShape: [options.latentSize, 1, 1])
        let dMACs = netD.multiplyAccumulatesPerImage(inputShape: [channels, 64, 64])
        benchmarkNote("belamy \(Belamy.version)  threads=\(CoreThreads.count)  OpenBLAS \(CoreThreads.coreName)")
        benchmarkNote(String(format: "G params %d  fwd %.3f GFLOP/image;  D params %d  fwd %.3f GFLOP/image",
                             netG.parameterCount, 2 * Double(gMACs) / 1e9, netD.parameterCount, 2 * Double(dMACs) / 1e9))

        // Generator forward only: evaluation mode (running BatchNorm statistics), no graph.
        netG.setTraining(false)
        let z1 = Variable(normalTensor([1, options.latentSize, 1, 1], &generator))
        let z64 = Variable(normalTensor([64, options.latentSize, 1, 1], &generator))
        let forward1 = BenchmarkTiming.medianTime(repetitions: options.forwardRepetitions, warmup: 5) {
            _ = withoutGradients { netG(z1) }
        }.median
        let forward64 = BenchmarkTiming.medianTime(repetitions: max(5, options.forwardRepetitions / 4), warmup: 2) {
            _ = withoutGradients { netG(z64) }
        }.median
        benchmarkNote(String(format: "G forward (eval, no graph): batch 1 %.2f ms   batch 64 %.1f ms (%.1f img/s)",
                             forward1 * 1e3, forward64 * 1e3, 64 / forward64))
        netG.setTraining(true)

        // The training step of pytorch-examples' dcgan/main.py.
        let optimizerD = Adam(netD.trainableVariables, learningRate: 2e-4, betas: (0.5, 0.999))
        let optimizerG = Adam(netG.trainableVariables, learningRate: 2e-4, betas: (0.5, 0.999))
        let batch = options.batch
        let real = Variable(Tensor(uninitializedShape: [batch, channels, 64, 64]) { out in
            for i in 0 ..< out.count { out[i] = generator.uniform() * 2 - 1 }
        })
        let realLabels = Tensor(repeating: 1, shape: [batch]), fakeLabels = Tensor(zeros: [batch])
        var lossD: Float = .nan, lossG: Float = .nan

        func trainStep() {
            // (1) Update D: maximise log D(x) + log(1 − D(G(z))).
            optimizerD.zeroGradients()
            let errorDReal = binaryCrossEntropyWithLogits(logits: netD(real).reshaped([batch]), targets: realLabels)
            errorDReal.backward()
            let noise = Variable(normalTensor([batch, options.latentSize, 1, 1], &generator))
            let fake = netG(noise)
            let detachedFake = Variable(fake.value)
            let errorDFake = binaryCrossEntropyWithLogits(logits: netD(detachedFake).reshaped([batch]), targets: fakeLabels)
            errorDFake.backward()
            optimizerD.step()
            // (2) Update G: maximise log D(G(z)), reusing the same fake batch. D is held constant,
            // as its gradients from this pass would be zeroed unused (PyTorch's script computes them).
            optimizerG.zeroGradients()
            let errorG = netD.withParametersFrozen {
                let error = binaryCrossEntropyWithLogits(logits: netD(fake).reshaped([batch]), targets: realLabels)
                error.backward()
                return error
            }
            optimizerG.step()
            lossD = errorDReal.value.scalar + errorDFake.value.scalar
            lossG = errorG.value.scalar
        }

        let warmupTime = BenchmarkTiming.seconds { for _ in 0 ..< options.warmup { trainStep() } }
        var times: [Double] = []
        for index in 0 ..< options.steps {
            let time = BenchmarkTiming.seconds(trainStep)
            times.append(time)
            benchmarkNote(String(format: "  step %d/%d: %.0f ms  lossD=%.3f lossG=%.3f",
                                 index + 1, options.steps, time * 1e3, lossD, lossG))
        }
        let step = BenchmarkTiming.median(times)
        // As the reference estimates it: G forward + backward = 3 G forwards; D sees three
        // forward passes (real, detached fake, fake), each with a backward of about two forwards.
        let stepGFLOP = Double(batch) * 2 * Double(3 * gMACs + 9 * dMACs) / 1e9
        benchmarkNote(String(format: "train step (D+G), batch %d: median %.1f ms  min %.1f ms  -> %.1f img/s  (~%.0f GFLOP/s effective, approx.)  warm-up %.1f s",
                             batch, step * 1e3, times.min()! * 1e3, Double(batch) / step, stepGFLOP / step, warmupTime))

        return .object([
            ("bench", "dcgan"),
            ("belamy", .string(Belamy.version)),
            ("threads", .integer(CoreThreads.count)),
            ("clock", .string(BenchmarkTiming.clock.rawValue)),
            ("openblas_core", .string(CoreThreads.coreName)),
            ("args", .object([
                ("batch", .integer(batch)), ("nz", .integer(options.latentSize)),
                ("ngf", .integer(options.generatorFeatures)), ("ndf", .integer(options.discriminatorFeatures)),
                ("steps", .integer(options.steps)), ("warmup", .integer(options.warmup)),
                ("fwd_reps", .integer(options.forwardRepetitions)), ("threads", .integer(options.threads)),
                ("seed", .integer(Int(options.seed))),
            ])),
            ("g_params", .integer(netG.parameterCount)),
            ("d_params", .integer(netD.parameterCount)),
            ("g_fwd_gflop_per_image", .rounded(2 * Double(gMACs) / 1e9, 4)),
            ("d_fwd_gflop_per_image", .rounded(2 * Double(dMACs) / 1e9, 4)),
            ("g_fwd_ms_batch1", .milliseconds(forward1, 3)),
            ("g_fwd_ms_batch64", .milliseconds(forward64, 2)),
            ("train_step_ms_median", .milliseconds(step, 2)),
            ("train_step_ms_min", .milliseconds(times.min()!, 2)),
            ("train_step_ms_all", .array(times.map { .milliseconds($0, 1) })),
            ("train_images_per_sec", .rounded(Double(batch) / step, 2)),
            ("train_step_gflop_approx", .rounded(stepGFLOP, 2)),
            ("final_lossD", .rounded(Double(lossD), 4)),
            ("final_lossG", .rounded(Double(lossG), 4)),
            ("env_OPENBLAS_CORETYPE", ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].map { .string($0) } ?? .null),
        ])
    }

    private func normalTensor(_ shape: [Int], _ generator: inout RandomGenerator) -> Tensor {
        Initializer.normal(shape, standardDeviation: 1, generator: &generator)
    }
}

/// DCGAN's generator or discriminator as a sequence of stages, its layers named by position
/// like the reference's `nn.Sequential` (`0.weight`, `1.running_mean`, …).
final class DCGANNetwork: Module {
    enum Stage {
        case convolution(Conv2d)
        case transposedConvolution(ConvTranspose2d)
        case batchNorm(BatchNorm)
        case relu, leakyRelu, tanh
    }

    let stages: [Stage]
    var isTraining = true

    init(stages: [Stage]) { self.stages = stages }

    var children: [(name: String, module: Module)] {
        stages.enumerated().compactMap { index, stage in
            switch stage {
            case .convolution(let layer): return (String(index), layer)
            case .transposedConvolution(let layer): return (String(index), layer)
            case .batchNorm(let layer): return (String(index), layer)
            case .relu, .leakyRelu, .tanh: return nil
            }
        }
    }

    func callAsFunction(_ x: Variable) -> Variable {
        stages.reduce(x) { x, stage in
            switch stage {
            case .convolution(let layer): return layer(x)
            case .transposedConvolution(let layer): return layer(x)
            case .batchNorm(let layer): return layer(x)
            case .relu: return x.relu()
            case .leakyRelu: return x.leakyRelu(slope: 0.2)
            case .tanh: return x.tanh()
            }
        }
    }

    /// Multiply–accumulates of the (transposed) convolutions for one image, counted as the
    /// reference's hooks count them: a convolution does `output elements × inputChannels × k²`,
    /// a transposed one `input elements × outputChannels × k²`.
    func multiplyAccumulatesPerImage(inputShape: [Int]) -> Int {
        var shape = inputShape, total = 0
        for stage in stages {
            switch stage {
            case .convolution(let layer):
                let k = layer.weight.shape[2]
                let height = (shape[1] + 2 * layer.padding - k) / layer.stride + 1
                let width = (shape[2] + 2 * layer.padding - k) / layer.stride + 1
                shape = [layer.weight.shape[0], height, width]
                total += shape.reduce(1, *) * layer.weight.shape[1] * k * k
            case .transposedConvolution(let layer):
                let k = layer.weight.shape[2]
                total += shape.reduce(1, *) * layer.weight.shape[1] * k * k
                shape = [layer.weight.shape[1], (shape[1] - 1) * layer.stride - 2 * layer.padding + k + layer.outputPadding,
                         (shape[2] - 1) * layer.stride - 2 * layer.padding + k + layer.outputPadding]
            case .batchNorm, .relu, .leakyRelu, .tanh:
                break
            }
        }
        return total
    }

    /// z `[N, latentSize, 1, 1]` → image `[N, channels, 64, 64]` in (−1, 1).
    static func generator(latentSize: Int, features: Int, channels: Int, generator: inout RandomGenerator) -> DCGANNetwork {
        let widths = [latentSize, features * 8, features * 4, features * 2, features]
        var stages: [Stage] = []
        for (index, input) in widths.enumerated() {
            let output = index + 1 < widths.count ? widths[index + 1] : channels
            stages.append(.transposedConvolution(ConvTranspose2d(
                inputChannels: input, outputChannels: output, kernelSize: 4, stride: index == 0 ? 1 : 2,
                padding: index == 0 ? 0 : 1, bias: false, initialization: .normal(standardDeviation: 0.02),
                generator: &generator)))
            if index + 1 < widths.count {
                stages += [.batchNorm(BatchNorm(featureCount: output, initialization: .normal(mean: 1, standardDeviation: 0.02),
                                                generator: &generator)), .relu]
            } else {
                stages.append(.tanh)
            }
        }
        return DCGANNetwork(stages: stages)
    }

    /// image `[N, channels, 64, 64]` → one logit per image, `[N, 1, 1, 1]` (the reference's
    /// final Sigmoid lives in the loss).
    static func discriminator(features: Int, channels: Int, generator: inout RandomGenerator) -> DCGANNetwork {
        let widths = [channels, features, features * 2, features * 4, features * 8]
        var stages: [Stage] = []
        for (index, input) in widths.enumerated() {
            let last = index + 1 == widths.count
            let output = last ? 1 : widths[index + 1]
            stages.append(.convolution(Conv2d(
                inputChannels: input, outputChannels: output, kernelSize: 4, stride: last ? 1 : 2, padding: last ? 0 : 1,
                bias: false, initialization: .normal(standardDeviation: 0.02), generator: &generator)))
            if last { break }
            if index > 0 {
                stages.append(.batchNorm(BatchNorm(featureCount: output, initialization: .normal(mean: 1, standardDeviation: 0.02),
                                                   generator: &generator)))
            }
            stages.append(.leakyRelu)
        }
        return DCGANNetwork(stages: stages)
    }
}
