/// Tells filler cells (`<`) from letters by their shape, whatever the OCR engine says.
///
/// The stock engine reads runs of `<` as `K`, `E`, `C` or `X` (209 of its errors on 300 documents), and `<` has
/// the check-digit value of `K` and `0`, so no check digit can see it. But every MRZ prints many fillers in one
/// typeface and size: the cells the engine read as `<` with confidence give a template, and a cell whose ink
/// matches it is a filler. This is the correction by position that works for any model.
struct FillerShape {
    /// Each cell's ink sampled on a small grid: 8 columns, 12 rows, darkness 0-1.
    static let columns = 8, rows = 12

    /// Samples the cell `x ..< x + width`, `y ..< y + height` of `image` on the grid.
    static func features(_ image: Raster, x: Double, y: Int, width: Double, height: Int) -> [Double] {
        var features = [Double](repeating: 0, count: columns * rows)
        guard width > 1, height > 1 else { return features }
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<rows {
                let top = y + row * height / rows, bottom = max(top + 1, y + (row + 1) * height / rows)
                for column in 0..<columns {
                    let left = Int(x + Double(column) * width / Double(columns))
                    let right = max(left + 1, Int(x + Double(column + 1) * width / Double(columns)))
                    var sum = 0, count = 0
                    for yy in max(0, top)..<min(image.height, bottom) {
                        for xx in max(0, left)..<min(image.width, right) {
                            sum += 255 - Int(pixels[yy * image.width + xx])
                            count += 1
                        }
                    }
                    features[row * columns + column] = count > 0 ? Double(sum) / Double(count * 255) : 0
                }
            }
        }
        return features
    }

    /// Pearson correlation of two feature vectors (-1 to 1; 0 when either is flat).
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
        var product = 0.0, squareA = 0.0, squareB = 0.0
        for i in a.indices {
            let da = a[i] - meanA, db = b[i] - meanB
            product += da * db
            squareA += da * da
            squareB += db * db
        }
        guard squareA > 1e-9, squareB > 1e-9 else { return 0 }
        return product / (squareA * squareB).squareRoot()
    }

    /// For every cell of every line, how much it looks like the MRZ's own fillers (correlation with the mean of
    /// the cells read as `<` with confidence); nil when fewer than three such cells exist to learn from.
    static func likeness(cells: [[[Double]]], characters: [[RecognizedCharacter]]) -> [[Double]]? {
        var template = [Double](repeating: 0, count: columns * rows)
        var count = 0
        for (line, lineCells) in cells.enumerated() {
            for (column, features) in lineCells.enumerated()
            where characters[line][column].character == "<" && characters[line][column].confidence >= 0.8 && !characters[line][column].box.isEmpty {
                for i in template.indices { template[i] += features[i] }
                count += 1
            }
        }
        guard count >= 3 else { return nil }
        template = template.map { $0 / Double(count) }
        return cells.map { $0.map { correlation($0, template) } }
    }
}
