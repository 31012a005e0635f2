import Foundation

/// A picture shown inside a terminal, for `docsentry quiz`: the kitty graphics protocol, iTerm2's inline images
/// (also WezTerm's), or sixels (xterm -ti vt340, mlterm, foot, ...). Other terminals get the file's path only.
public enum TerminalImage: String, Sendable, CaseIterable {
    case kitty
    case iterm
    case sixel
    case none

    /// The protocol the terminal described by `environment` speaks, from what terminals announce about themselves
    /// (`TERM`, `TERM_PROGRAM`, `KITTY_WINDOW_ID`, `LC_TERMINAL`); none when it says nothing we know.
    public static func detect(environment: [String: String]) -> TerminalImage {
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || program == "ghostty" { return .kitty }
        if ["iTerm.app", "WezTerm"].contains(program) || environment["LC_TERMINAL"] == "iTerm2" { return .iterm }
        if term.contains("sixel") || ["mlterm", "foot"].contains(where: { term.hasPrefix($0) }) || program == "mlterm" { return .sixel }
        return .none
    }

    /// The escape sequence that draws the PNG `png` (whose picture is `raster`, for sixels) `columns` wide.
    public func sequence(png: [UInt8], raster: Raster, columns: Int) -> String {
        switch self {
        case .kitty:
            // Chunks of at most 4096 base64 characters, m=1 on all but the last (kitty graphics protocol).
            let payload = Data(png).base64EncodedString()
            var out = ""
            var index = payload.startIndex
            var first = true
            while index < payload.endIndex {
                let end = payload.index(index, offsetBy: 4096, limitedBy: payload.endIndex) ?? payload.endIndex
                let more = end < payload.endIndex ? 1 : 0
                let keys = first ? "a=T,f=100,c=\(columns),m=\(more)" : "m=\(more)"
                out += "\u{1B}_G\(keys);\(payload[index..<end])\u{1B}\\"
                index = end
                first = false
            }
            return out + "\n"
        case .iterm:
            return "\u{1B}]1337;File=inline=1;size=\(png.count);width=\(columns);preserveAspectRatio=1:\(Data(png).base64EncodedString())\u{07}\n"
        case .sixel:
            return Self.sixel(raster, width: min(raster.width, columns * 9)) + "\n"
        case .none:
            return ""
        }
    }

    /// A grey picture as sixels: scaled to `width` pixels, 32 grey levels, each band of six rows one colour at a
    /// time with runs compressed (`!n`).
    static func sixel(_ raster: Raster, width: Int) -> String {
        let picture = Thumbnail(page: raster, width: max(1, width), maxHeight: max(1, width * 2))
        let levels = 32
        var out = "\u{1B}Pq\"1;1;\(picture.width);\(picture.height)"
        for level in 0..<levels {
            let percent = level * 100 / (levels - 1)
            out += "#\(level);2;\(percent);\(percent);\(percent)"
        }
        func grey(_ x: Int, _ y: Int) -> Int { Int(picture.pixels[(y * picture.width + x) * 3]) * (levels - 1) / 255 }
        for top in stride(from: 0, to: picture.height, by: 6) {
            var bits = [[UInt8]](repeating: [UInt8](repeating: 0, count: picture.width), count: levels)
            var used = Set<Int>()
            for row in top..<min(top + 6, picture.height) {
                for x in 0..<picture.width {
                    let level = grey(x, row)
                    bits[level][x] |= 1 << (row - top)
                    used.insert(level)
                }
            }
            for level in used.sorted() {
                out += "#\(level)"
                var x = 0
                while x < picture.width {
                    let value = bits[level][x]
                    var run = 1
                    while x + run < picture.width, bits[level][x + run] == value { run += 1 }
                    let character = String(UnicodeScalar(63 + value))
                    out += run > 3 ? "!\(run)\(character)" : String(repeating: character, count: run)
                    x += run
                }
                out += "$"
            }
            out += "-"
        }
        return out + "\u{1B}\\"
    }
}
