// Draws the tray icons in resources/ (a padlock), so they can be made again exactly:
// `node scripts/tray-icons.mjs`. Template images (macOS menu bar) are black with alpha only, and
// macOS tints them; tray.png (Linux, Windows) is coloured, readable on light and dark panels.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

const OUT = join(import.meta.dirname, '..', 'resources')

/** Coverage of one point of the 16-unit padlock: its body and its shackle. */
function inLock(x, y) {
  const body = x >= 2.5 && x <= 13.5 && y >= 7 && y <= 14.5
  const keyhole =
    Math.hypot(x - 8, y - 10) <= 1.3 || (Math.abs(x - 8) <= 0.6 && y >= 10 && y <= 12.8)
  const ring = Math.hypot(x - 8, y - 6.5)
  const shackle = y <= 7 && ring >= 3 && ring <= 4.8
  const legs = y > 6.5 && y <= 7.5 && ((x >= 3.2 && x <= 5) || (x >= 11 && x <= 12.8))
  return (body && !keyhole) || shackle || legs
}

function draw(size, [r, g, b]) {
  const samples = 4
  const rows = []
  for (let py = 0; py < size; py++) {
    const row = [0]
    for (let px = 0; px < size; px++) {
      let hit = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) * 16) / size
          const y = ((py + (sy + 0.5) / samples) * 16) / size
          if (inLock(x, y)) hit++
        }
      }
      row.push(r, g, b, Math.round((255 * hit) / samples ** 2))
    }
    rows.push(Buffer.from(row))
  }
  return png(size, Buffer.concat(rows))
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(size, scanlines) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const BLACK = [0, 0, 0]
const BLUE = [0x3b, 0x82, 0xf6]
writeFileSync(join(OUT, 'trayTemplate.png'), draw(16, BLACK))
writeFileSync(join(OUT, 'trayTemplate@2x.png'), draw(32, BLACK))
writeFileSync(join(OUT, 'tray.png'), draw(32, BLUE))
