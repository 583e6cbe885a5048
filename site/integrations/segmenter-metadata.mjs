import * as flatbuffers from 'flatbuffers'

/**
 * MediaPipe's ImageSegmenter (tasks-vision, which @livekit/track-processors drives) only runs a
 * float model whose TFLite metadata says how to normalise its input. The selfie segmentation model
 * npm ships (@mediapipe/selfie_segmentation, Apache-2.0) predates that metadata, so the build adds
 * it: input RGB in [0, 1] (mean 0, std 255), the same model otherwise, byte for byte.
 *
 * How: the metadata is a flatbuffer of tflite-support's metadata_schema.fbs (identifier "M001")
 * in a new model buffer named "TFLITE_METADATA". The original model is kept whole after a new root
 * table at the front (flatbuffer offsets are relative and point forward, so the old bytes stay valid
 * when shifted by a multiple of 16); the new root copies the old root's fields, appends the buffer and
 * adds the `metadata` entry.
 */
export function withSegmenterMetadata(model) {
  const metadata = segmenterMetadata()
  return prependRoot(model, metadata)
}

// --- The metadata: tflite-support metadata_schema.fbs field ids (a union takes two: type, value).
function segmenterMetadata() {
  const b = new flatbuffers.Builder(512)
  const vector = (items, add) => {
    b.startVector(4, items.length, 4)
    for (const item of [...items].reverse()) add(item)
    return b.endVector()
  }
  const floats = (values) => vector(values, (value) => b.addFloat32(value))
  const offsets = (values) => vector(values, (value) => b.addOffset(value))

  // NormalizationOptions { mean: [0], std: [255] }
  const mean = floats([0])
  const std = floats([255])
  b.startObject(2)
  b.addFieldOffset(0, mean, 0)
  b.addFieldOffset(1, std, 0)
  const normalization = b.endObject()
  // ProcessUnit { options_type: NormalizationOptions (1), options }
  b.startObject(2)
  b.addFieldInt8(0, 1, 0)
  b.addFieldOffset(1, normalization, 0)
  const processUnit = b.endObject()
  // ImageProperties { color_space: RGB (1) }
  b.startObject(2)
  b.addFieldInt8(0, 1, 0)
  const imageProperties = b.endObject()
  // Content { content_properties_type: ImageProperties (2), content_properties }
  b.startObject(3)
  b.addFieldInt8(0, 2, 0)
  b.addFieldOffset(1, imageProperties, 0)
  const content = b.endObject()
  // TensorMetadata { name, content, process_units }
  const inputName = b.createString('image')
  const units = offsets([processUnit])
  b.startObject(7)
  b.addFieldOffset(0, inputName, 0)
  b.addFieldOffset(3, content, 0)
  b.addFieldOffset(4, units, 0)
  const input = b.endObject()
  // Output: one confidence channel, the person.
  const outputName = b.createString('segmentation_masks')
  b.startObject(7)
  b.addFieldOffset(0, outputName, 0)
  const output = b.endObject()
  // SubGraphMetadata { input_tensor_metadata, output_tensor_metadata }
  const inputs = offsets([input])
  const outputs = offsets([output])
  b.startObject(7)
  b.addFieldOffset(2, inputs, 0)
  b.addFieldOffset(3, outputs, 0)
  const subgraph = b.endObject()
  // ModelMetadata { name, subgraph_metadata, license, min_parser_version }
  const name = b.createString('selfie_segmentation')
  const license = b.createString('Apache License. Version 2.0 http://www.apache.org/licenses/LICENSE-2.0.')
  const parser = b.createString('1.0.0')
  const subgraphs = offsets([subgraph])
  b.startObject(8)
  b.addFieldOffset(0, name, 0)
  b.addFieldOffset(3, subgraphs, 0)
  b.addFieldOffset(5, license, 0)
  b.addFieldOffset(7, parser, 0)
  b.finish(b.endObject(), 'M001')
  return b.asUint8Array()
}

// --- The model: TFLite schema.fbs, table Model.
const MODEL_FIELDS = 8 // version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs
const BUFFERS = 4
const METADATA = 6

function prependRoot(model, metadataBytes) {
  const old = new DataView(model.buffer, model.byteOffset, model.byteLength)
  if (new TextDecoder().decode(model.subarray(4, 8)) !== 'TFL3') throw new Error('not a TFLite model')
  const oldRoot = old.getUint32(0, true)
  const vtable = oldRoot - old.getInt32(oldRoot, true)
  const fieldAt = (id) => {
    const slot = 4 + id * 2
    if (slot >= old.getUint16(vtable, true)) return 0
    const offset = old.getUint16(vtable + slot, true)
    return offset ? oldRoot + offset : 0
  }
  if (fieldAt(METADATA)) throw new Error('the model has metadata already')
  const target = (field) => field + old.getUint32(field, true)
  const oldBuffers = target(fieldAt(BUFFERS))
  const bufferCount = old.getUint32(oldBuffers, true)

  // The new front part, laid out in order; every offset it holds points forward.
  const out = []
  let size = 8
  const pad = (align) => {
    while (size % align) {
      out.push(new Uint8Array(1))
      size++
    }
  }
  const put = (bytes, align = 4) => {
    pad(align)
    const at = size
    out.push(bytes)
    size += bytes.length
    return at
  }
  const u32s = (...values) => new Uint8Array(new Uint32Array(values).buffer)
  // Sizes first: root table (soffset + 8 u32 fields), then vectors, tables, strings, data.
  const rootVtable = put(
    new Uint8Array(new Uint16Array([4 + MODEL_FIELDS * 2, 4 + MODEL_FIELDS * 4, ...Array.from({ length: MODEL_FIELDS }, (_, i) => 4 + i * 4)]).buffer),
  )
  const root = put(new Uint8Array(4 + MODEL_FIELDS * 4))
  const buffersVector = put(new Uint8Array(4 + (bufferCount + 1) * 4))
  const metadataVector = put(new Uint8Array(8))
  const metadataTableVtable = put(new Uint8Array(new Uint16Array([8, 12, 4, 8]).buffer))
  const metadataTable = put(new Uint8Array(12))
  const nameString = put(new Uint8Array([...u32s(15), ...new TextEncoder().encode('TFLITE_METADATA'), 0]))
  const bufferTableVtable = put(new Uint8Array(new Uint16Array([6, 8, 4]).buffer))
  const bufferTable = put(new Uint8Array(8))
  const data = put(new Uint8Array([...u32s(metadataBytes.length), ...metadataBytes]), 16)
  // The old model follows, at a multiple of 16 (its buffers keep their alignment).
  pad(16)
  const shift = size
  const file = new Uint8Array(shift + model.length)
  let cursor = 8
  for (const part of out) {
    file.set(part, cursor)
    cursor += part.length
  }
  file.set(model, shift)
  const view = new DataView(file.buffer)
  const offsetTo = (at, absolute) => view.setUint32(at, absolute - at, true)

  view.setUint32(0, root, true)
  file.set(new TextEncoder().encode('TFL3'), 4)
  view.setInt32(root, root - rootVtable, true)
  for (let id = 0; id < MODEL_FIELDS; id++) {
    const at = root + 4 + id * 4
    if (id === BUFFERS) offsetTo(at, buffersVector)
    else if (id === METADATA) offsetTo(at, metadataVector)
    else if (id === 0) view.setUint32(at, fieldAt(0) ? old.getUint32(fieldAt(0), true) : 0, true)
    else if (fieldAt(id)) offsetTo(at, target(fieldAt(id)) + shift)
    else view.setUint32(at, 0, true) // absent: an offset of 0 is read as absent only via the vtable, so mark it below
  }
  // Fields the old root lacked stay absent in the new vtable.
  for (let id = 1; id < MODEL_FIELDS; id++) if (id !== BUFFERS && id !== METADATA && !fieldAt(id)) view.setUint16(rootVtable + 4 + id * 2, 0, true)

  view.setUint32(buffersVector, bufferCount + 1, true)
  for (let i = 0; i < bufferCount; i++) offsetTo(buffersVector + 4 + i * 4, target(oldBuffers + 4 + i * 4) + shift)
  offsetTo(buffersVector + 4 + bufferCount * 4, bufferTable)
  view.setUint32(metadataVector, 1, true)
  offsetTo(metadataVector + 4, metadataTable)
  view.setInt32(metadataTable, metadataTable - metadataTableVtable, true)
  offsetTo(metadataTable + 4, nameString)
  view.setUint32(metadataTable + 8, bufferCount, true)
  view.setInt32(bufferTable, bufferTable - bufferTableVtable, true)
  offsetTo(bufferTable + 4, data)
  return file
}
