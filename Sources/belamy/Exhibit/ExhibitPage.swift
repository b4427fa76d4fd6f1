import Foundation
import Media
import Poetry

/// The auction-catalogue page of one exhibit: the portrait in a gilded frame, signed in its lower
/// right corner with the GAN objective as the 2018 portrait was; the poem; the melody with a
/// player and its ABC; and the provenance of every piece. One HTML file with the PNG and the WAV
/// inside it as data: URIs and nothing that changes from run to run, so the same exhibit is
/// always the same bytes.
struct ExhibitPage {
    var entry: CatalogueEntry
    var seed: UInt64
    /// The portrait as PNG bytes, `portraitSize` pixels square, enlarged from `paintedSize`.
    var portraitPNG: Data
    var paintedSize: Int
    var portraitSize: Int
    var signatureInk: SignatureInk
    var poem: Poem
    var keywords: [String]
    var tuneTitle: String
    var tuneABC: String
    var tuneWAV: Data
    /// Key, meter, tempo, bars, instrument and length, each in a few words.
    var tuneParticulars: [String]
    /// The model behind each piece, in the order the page shows the pieces.
    var models: [(piece: String, summary: ModelSummary)]
    /// Every setting that made the exhibit, in the order the page lists them.
    var settings: [(name: String, value: String)]
    /// The command line that makes this page again.
    var command: String
    /// The program and version that made it: "belamy 0.1.0".
    var software: String

    /// The GAN objective that signs the portrait, as plain text.
    static let signatureText = "min_G max_D E_x[log(D(x))] + E_z[log(1 − D(G(z)))]"

    /// The colour the signature is written in: dark on a light corner, light on a dark one.
    enum SignatureInk: Equatable {
        case dark, light

        /// The ink that reads best over the lower right corner of `image`, where the signature goes.
        init(over image: Image) {
            let left = image.width * 11 / 20, top = image.height * 7 / 8
            var luminance = 0.0, count = 0
            for y in top ..< image.height {
                for x in left ..< image.width {
                    let pixel = image.pixel(x: x, y: y)
                    luminance += 0.2126 * Double(pixel[0]) + 0.7152 * Double(pixel[1]) + 0.0722 * Double(pixel[2])
                    count += 1
                }
            }
            self = luminance / Double(max(count, 1)) > 120 ? .dark : .light
        }

        var cssColors: (ink: String, halo: String) {
            switch self {
            case .dark: return ("#22160a", "rgba(255, 246, 226, 0.35)")
            case .light: return ("#f4e9cf", "rgba(20, 12, 4, 0.45)")
            }
        }
    }

    /// The whole page.
    var html: String {
        let (ink, halo) = signatureInk.cssColors
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(escaped(software))">
        <title>Lot \(entry.lot) · \(escaped(entry.title))</title>
        <style>
        \(Self.styleSheet)
        .signature { color: \(ink); text-shadow: 0 0 2px \(halo); }
        </style>
        </head>
        <body>
        <header class="sale">
          <p class="house">Belamy &amp; Cie</p>
          <p class="sale-name">Generative Art · Portraits, Verse and Airs</p>
        </header>
        <main>
        \(lotSection)
        \(poemSection)
        \(melodySection)
        \(provenanceSection)
        </main>
        <footer>
          <p>Catalogue note. In October 2018 <i>Edmond de Belamy</i>, a portrait painted by a generative adversarial
          network, was sold at auction signed in its lower right corner with the objective its networks were trained on.
          This lot is signed the same way: the generator G learns to paint what the discriminator D cannot tell from the
          painted portraits x it was shown.</p>
          <p>Made with \(escaped(software)) from seed \(seed).</p>
        </footer>
        </body>
        </html>

        """
    }

    private var lotSection: String {
        let image = "data:image/png;base64," + portraitPNG.base64EncodedString()
        return """
        <section class="lot">
          <figure class="work">
            <div class="frame">
              <div class="canvas">
                <img src="\(image)" width="\(portraitSize)" height="\(portraitSize)" alt="\(escaped(entry.title))">
                <div class="signature" title="\(escaped(Self.signatureText))" aria-label="signed: \(escaped(Self.signatureText))">\(Self.signatureMarkup)</div>
              </div>
            </div>
          </figure>
          <div class="particulars">
            <p class="lot-number">Lot \(entry.lot)</p>
            <p class="artist">Belamy <span>(a generative adversarial network)</span></p>
            <h1>\(escaped(entry.title).replacingOccurrences(of: " de Belamy", with: " de&nbsp;Belamy"))</h1>
            <p class="medium">generative adversarial network (DCGAN), painted at \(paintedSize) × \(paintedSize) pixels and
            enlarged to \(portraitSize) × \(portraitSize) with a Lanczos filter; in a gilded frame</p>
            <p class="inscription">signed with the objective ‘min<sub>G</sub> max<sub>D</sub> E<sub>x</sub>[log(D(x))] + \
        E<sub>z</sub>[log(1 − D(G(z)))]’ (lower right)</p>
            <p class="detail">Latent seed \(seed). Sold with a poem and an air written for the sitter (below).</p>
            <p class="estimate"><span>Estimate</span> \(entry.estimateText)</p>
          </div>
        </section>
        """
    }

    /// The objective with the networks under `min` and `max`, as it is written on the 2018 canvas.
    private static let signatureMarkup = """
    <span class="limit">min<sub>G</sub></span> <span class="limit">max<sub>D</sub></span> \
    E<sub>x</sub>[log(D(x))] + E<sub>z</sub>[log(1 − D(G(z)))]
    """

    private var poemSection: String {
        let chinese = poem.language == .chinese
        // A Chinese line is a couplet: it is set as two verses, in columns read from the right.
        let verses = chinese ? poem.lines.flatMap(Self.verses(ofCouplet:)) : poem.lines
        let on = chinese ? keywords.joined(separator: "、") : keywords.joined(separator: ", ")
        var particulars = [poem.formName, "on \(on)"]
        if let rhyme = poem.rhymeGroup { particulars.append("rhyme group \(rhyme)") }
        return """
        <section class="poem">
          <h2>The verse</h2>
          <p class="caption">\(escaped(particulars.joined(separator: " · ")))</p>
          <div class="verse \(chinese ? "zh" : "en")" lang="\(poem.language.rawValue)">
        \(verses.map { "    <p>\(escaped($0))</p>" }.joined(separator: "\n"))
          </div>
        </section>
        """
    }

    /// "春风明月照山河，孤城远客梦江湖。" → ["春风明月照山河", "孤城远客梦江湖"]. The columns go without
    /// punctuation, as verse was written before it had any, and because fonts that lack vertical
    /// forms of "，" and "。" (Droid Sans Fallback, the usual one on Linux) draw wrong glyphs for them.
    static func verses(ofCouplet couplet: String) -> [String] {
        couplet.split(whereSeparator: { "，。！？；、".contains($0) }).map(String.init)
    }

    private var melodySection: String {
        let audio = "data:audio/wav;base64," + tuneWAV.base64EncodedString()
        return """
        <section class="melody">
          <h2>The air</h2>
          <p class="caption"><i>\(escaped(tuneTitle))</i> · \(escaped(tuneParticulars.joined(separator: " · ")))</p>
          <audio controls preload="auto" src="\(audio)"></audio>
          <pre class="abc">\(escaped(tuneABC))</pre>
        </section>
        """
    }

    private var provenanceSection: String {
        let modelRows = models.map { piece, summary in
            let metrics = summary.metricText.isEmpty ? "none recorded" : summary.metricText
            var model = "\(escaped(summary.file.lastPathComponent))<small>\(escaped(summary.architecture)), "
                + "\(CatalogueEntry.grouped(summary.parameterCount)) parameters"
            if let checksum = summary.checksum { model += ", checksum \(escaped(checksum))" }
            model += "</small>"
            var training = "\(escaped(summary.steps)) steps, \(escaped(String(summary.date.prefix(10))))"
                + "<small>\(escaped(summary.corpus))</small>"
            if let command = summary.command { training += "<code>\(escaped(command))</code>" }
            return "      <tr><th scope=\"row\">\(escaped(piece))</th><td>\(model)</td><td>\(training)</td><td>\(escaped(metrics))</td></tr>"
        }
        let settingRows = settings.map { "      <tr><th scope=\"row\">\(escaped($0.name))</th><td>\(escaped($0.value))</td></tr>" }
        return """
        <section class="provenance">
          <h2>Provenance</h2>
          <table class="models">
            <thead><tr><th></th><th>Model</th><th>Training</th><th>Metrics</th></tr></thead>
            <tbody>
        \(modelRows.joined(separator: "\n"))
            </tbody>
          </table>
          <table class="settings">
            <tbody>
        \(settingRows.joined(separator: "\n"))
            </tbody>
          </table>
          <p class="command">To make this page again: <code>\(escaped(command))</code></p>
        </section>
        """
    }

    /// `text` with the characters HTML gives a meaning escaped.
    private func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static let styleSheet = """
    :root {
      --paper: #f6f1e6; --ink: #1f1a14; --muted: #6f6452; --rule: #cdbf9f; --gold: #b08a3c;
      --serif: "P052", "Palatino Linotype", "Book Antiqua", Palatino, "C059", Georgia, serif;
      --cjk: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, "AR PL UMing CN", "Noto Sans CJK SC", "Droid Sans Fallback", serif;
      --hand: "Z003", "URW Chancery L", "Apple Chancery", "Zapf Chancery", "Monotype Corsiva", cursive;
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.55 var(--serif); }
    main { max-width: 1080px; margin: 0 auto; padding: 0 40px; }
    header.sale { text-align: center; padding: 34px 0 18px; border-bottom: 1px solid var(--rule); margin: 0 40px 44px; }
    .house { margin: 0; font-size: 30px; letter-spacing: .32em; text-transform: uppercase; }
    .sale-name { margin: 6px 0 0; color: var(--muted); font-variant: small-caps; letter-spacing: .12em; }
    h1 { font-weight: normal; font-style: italic; font-size: 30px; line-height: 1.2; margin: 6px 0 18px; }
    h2 { font-weight: normal; font-variant: small-caps; letter-spacing: .14em; font-size: 21px; color: var(--muted);
         border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin: 56px 0 12px; }
    .caption { color: var(--muted); margin: 0 0 20px; }
    section.lot { display: flex; flex-wrap: wrap; gap: 48px; align-items: flex-start; }
    figure.work { margin: 0; flex: none; }
    .frame {
      padding: 30px; border-radius: 2px;
      background: linear-gradient(135deg, #6e4e16 0%, #e6c463 14%, #fff0b3 24%, #b8893a 38%, #f1d27a 52%,
                  #8d6522 66%, #e3bd5b 80%, #fbe7a1 88%, #74531a 100%);
      box-shadow: 0 24px 44px -14px rgba(40, 24, 4, .6), 0 0 0 1px #4d360c,
                  inset 0 0 0 2px #5b410f, inset 0 0 0 8px #d8b45a, inset 0 0 0 10px #6a4c14,
                  inset 0 0 16px 11px rgba(74, 50, 8, .55);
    }
    .canvas { position: relative; line-height: 0; box-shadow: 0 0 0 4px #2d2010, 0 0 0 6px #caa24d, 0 0 0 7px #4b3510; }
    .canvas img { display: block; }
    .canvas::after { content: ""; position: absolute; inset: 0; box-shadow: inset 0 0 28px rgba(0, 0, 0, .35); pointer-events: none; }
    .signature {
      position: absolute; right: 3%; bottom: 2.2%; z-index: 1; line-height: 1.2; white-space: nowrap;
      font: italic 15px var(--hand); letter-spacing: .02em; transform: rotate(-1.5deg); transform-origin: right bottom; opacity: .9;
    }
    .signature .limit { display: inline-flex; flex-direction: column; align-items: center; vertical-align: top; line-height: 1; }
    .signature .limit sub { font-size: .7em; line-height: .8; margin-top: -.1em; }
    .signature sub { font-size: .7em; }
    .particulars { flex: 1; min-width: 300px; padding-top: 6px; }
    .lot-number { font-size: 46px; line-height: 1; margin: 0 0 18px; letter-spacing: .02em; }
    .artist { margin: 0; font-variant: small-caps; letter-spacing: .1em; font-size: 20px; }
    .artist span { font-variant: normal; letter-spacing: 0; color: var(--muted); font-size: 16px; }
    .medium, .inscription, .detail { margin: 0 0 12px; }
    .inscription { font-style: italic; }
    .detail { color: var(--muted); }
    .estimate { margin: 26px 0 0; padding-top: 12px; border-top: 1px solid var(--rule); font-size: 20px; }
    .estimate span { font-variant: small-caps; letter-spacing: .1em; color: var(--muted); margin-right: .6em; }
    .verse p { margin: 0; }
    .verse.en { font-style: italic; font-size: 21px; line-height: 1.7; padding-left: 2em; }
    .verse.zh { writing-mode: vertical-rl; font-family: var(--cjk); font-size: 30px; line-height: 2.1; letter-spacing: .18em;
                margin: 0 auto; padding: 10px 0; }
    audio { display: block; width: 100%; max-width: 560px; margin: 0 0 16px; }
    pre.abc { font: 14px/1.5 "Nimbus Mono PS", "DejaVu Sans Mono", monospace; background: #efe8d8; border-left: 3px solid var(--gold);
              padding: 12px 16px; margin: 0; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 15px; margin-bottom: 22px; }
    th, td { text-align: left; vertical-align: top; padding: 8px 12px 8px 0; border-bottom: 1px solid var(--rule); }
    thead th { font-weight: normal; font-variant: small-caps; letter-spacing: .08em; color: var(--muted); }
    tbody th { font-weight: normal; font-variant: small-caps; letter-spacing: .06em; white-space: nowrap; }
    td small, td code { display: block; color: var(--muted); }
    code { font: 12.5px/1.45 "Nimbus Mono PS", "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
    table.settings { width: auto; min-width: 50%; }
    .command { color: var(--muted); font-size: 15px; }
    .command code { display: block; margin-top: 4px; font-size: 14px; color: var(--ink); }
    footer { max-width: 1080px; margin: 56px auto 0; padding: 18px 40px 40px; border-top: 1px solid var(--rule);
             color: var(--muted); font-size: 14px; }
    """
}
