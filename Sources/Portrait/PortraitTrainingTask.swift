import Foundation
import Media
import NeuralCore

/// One DCGAN training step in the shape of pytorch/examples' `dcgan/main.py`, plus DiffAugment and
/// an exponential moving average of the generator (the weights that ship):
///
/// 1. D learns: real images → "real", a fresh batch of fakes (detached from G) → "fake".
/// 2. G learns: the same fakes, through the updated D, should look "real".
/// 3. The EMA generator moves a little towards G.
///
/// D sees every image through the same random augmentation, real or fake, so it cannot memorise
/// a small corpus; logged D(x) and D(G(z)) show who is winning.
public final class PortraitTrainingTask: TrainingTask {
    public let configuration: PortraitConfiguration
    public let generatorNetwork: Generator
    public let discriminator: Discriminator
    /// The moving average of `generatorNetwork`: smoother, better samples than any single step.
    public let averagedGenerator: Generator
    let generatorOptimizer: Adam
    let discriminatorOptimizer: Adam
    let dataset: PortraitDataset
    let augment: DiffAugment
    /// Latent vectors for the preview grid, fixed so successive previews show the same sitters.
    let previewLatent: Tensor
    /// Latent vectors on which the averaged generator's BatchNorm statistics are measured.
    let statisticsLatent: Tensor

    public var itemsPerStep: Int { configuration.batchSize }
    public let itemName = "images"

    public init(configuration: PortraitConfiguration, dataset: PortraitDataset, seed: UInt64) {
        self.configuration = configuration
        self.dataset = dataset
        var generator = RandomGenerator(seed: seed)
        generatorNetwork = Generator(configuration: configuration, generator: &generator)
        discriminator = Discriminator(configuration: configuration, generator: &generator)
        averagedGenerator = Generator(configuration: configuration, generator: &generator)
        try! averagedGenerator.loadStateDictionary(generatorNetwork.stateDictionary())
        averagedGenerator.setTraining(false)
        let betas = (Double(configuration.beta1), 0.999)
        generatorOptimizer = Adam(generatorNetwork.trainableVariables, learningRate: configuration.generatorLearningRate, betas: betas)
        discriminatorOptimizer = Adam(discriminator.trainableVariables, learningRate: configuration.discriminatorLearningRate, betas: betas)
        var policy = DiffAugment()
        let parts = Set(configuration.augmentation.split(separator: ",").map(String.init))
        policy.color = parts.contains("color")
        policy.translation = parts.contains("translation")
        policy.cutout = parts.contains("cutout")
        augment = policy
        var previewGenerator = RandomGenerator(seed: 2018)
        previewLatent = Initializer.normal([64, configuration.latentSize], standardDeviation: 1, generator: &previewGenerator)
        statisticsLatent = Initializer.normal([256, configuration.latentSize], standardDeviation: 1, generator: &previewGenerator)
    }

    public func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric] {
        let batchSize = configuration.batchSize
        let real = Variable(dataset.batch(batchSize, generator: &generator))
        let latent = Variable(Initializer.normal([batchSize, configuration.latentSize], standardDeviation: 1, generator: &generator))
        let fake = generatorNetwork(latent)
        let realLabels = Tensor(repeating: 1, shape: [batchSize]), fakeLabels = Tensor(zeros: [batchSize])

        // 1. Discriminator: the fakes are detached, so this step changes D alone.
        discriminatorOptimizer.zeroGradients()
        let realLogits = discriminator(augment(real, generator: &generator))
        let fakeLogits = discriminator(augment(Variable(fake.value), generator: &generator))
        let discriminatorLoss = binaryCrossEntropyWithLogits(logits: realLogits, targets: realLabels)
            + binaryCrossEntropyWithLogits(logits: fakeLogits, targets: fakeLabels)
        discriminatorLoss.backward()
        discriminatorOptimizer.step()

        // 2. Generator: gradients flow through D, held constant, into G.
        generatorOptimizer.zeroGradients()
        let generatorLoss = discriminator.withParametersFrozen {
            let loss = binaryCrossEntropyWithLogits(logits: discriminator(augment(fake, generator: &generator)),
                                                    targets: realLabels)
            loss.backward()
            return loss
        }
        generatorOptimizer.step()

        // 3. The averaged generator follows.
        updateAverage(step: step)

        let metrics = [Metric("loss_D", Double(discriminatorLoss.value.scalar)),
                       Metric("loss_G", Double(generatorLoss.value.scalar)),
                       Metric("D(x)", Self.meanProbability(realLogits.value)),
                       Metric("D(G(z))", Self.meanProbability(fakeLogits.value))]
        return metrics
    }

    /// `ema ← decay·ema + (1 − decay)·current` for the weights. The decay ramps up as
    /// (1 + step)/(10 + step) towards `emaDecay`, as TensorFlow's ExponentialMovingAverage does, so
    /// the average forgets the random initial weights quickly instead of dragging them along for
    /// thousands of steps. BatchNorm statistics are not averaged but measured before each use.
    func updateAverage(step: Int) {
        let decay = min(configuration.emaDecay, Float(1 + step) / Float(10 + step))
        for ((_, live), (_, average)) in zip(generatorNetwork.namedParameters(), averagedGenerator.namedParameters()) {
            average.value.withUnsafeMutableBufferPointer { a in
                live.value.withUnsafeBufferPointer { l in
                    for i in 0 ..< a.count { a[i] = decay * a[i] + (1 - decay) * l[i] }
                }
            }
        }
    }

    static func meanProbability(_ logits: Tensor) -> Double {
        logits.scalars.reduce(0) { $0 + 1 / (1 + exp(-Double($1))) } / Double(logits.count)
    }

    /// An 8×8 grid of the averaged generator's portraits from the fixed preview noise.
    public func writePreview(step: Int, to directory: URL) throws {
        averagedGenerator.measureNormalizationStatistics(latent: statisticsLatent)
        let images = withoutGradients { averagedGenerator(Variable(previewLatent)) }.value
        let grid = PortraitImages.grid(images, columns: 8)
        try PNG.write(grid, metadata: ["Software": "belamy", "Step": String(step)],
                      to: directory.appendingPathComponent(String(format: "preview-%06d.png", step)))
    }

    public func checkpointTensors() -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        func add(_ prefix: String, _ state: [String: Tensor]) {
            for (name, tensor) in state { tensors[prefix + name] = tensor }
        }
        add("generator.", generatorNetwork.stateDictionary())
        add("discriminator.", discriminator.stateDictionary())
        add("ema.", averagedGenerator.stateDictionary())
        add("optimizer.generator.", generatorOptimizer.stateDictionary())
        add("optimizer.discriminator.", discriminatorOptimizer.stateDictionary())
        return tensors
    }

    public func restore(from tensors: [String: Tensor]) throws {
        func part(_ prefix: String) -> [String: Tensor] {
            var state: [String: Tensor] = [:]
            for (name, tensor) in tensors where name.hasPrefix(prefix) { state[String(name.dropFirst(prefix.count))] = tensor }
            return state
        }
        try generatorNetwork.loadStateDictionary(part("generator."))
        try discriminator.loadStateDictionary(part("discriminator."))
        try averagedGenerator.loadStateDictionary(part("ema."))
        try generatorOptimizer.loadStateDictionary(part("optimizer.generator."))
        try discriminatorOptimizer.loadStateDictionary(part("optimizer.discriminator."))
    }
}

extension PortraitTrainingTask {
    /// Writes the averaged generator as a shipped model, recording how it was trained.
    public func exportModel(to url: URL, record: [String: String]) throws {
        averagedGenerator.measureNormalizationStatistics(latent: statisticsLatent)
        try PortraitModel.write(averagedGenerator, configuration: configuration, record: record, to: url)
    }
}
