'use strict';
// Decodes Sparkplug B payload files with Eclipse Tahu's JavaScript codec (npm sparkplug-payload)
// and prints, for each file, one JSON line: {"file": ..., "seq": ..., "metrics": [{"name", "alias",
// "datatype", "isNull", "value"}]}.
//
// sparkplug-payload 1.0.3 decodes every scalar type but not the Sparkplug 3.0 array types (22-34:
// it gives no type and a null value). For those metrics the datatype number and bytes_value come
// from the same package's protobuf classes (generated from sparkplug_b.proto) and the bytes are
// unpacked as the specification's "Sparkplug Array Types" section describes, which this file
// follows and not any encoder's source.
//
// DATA carries no datatypes (Sparkplug lets an edge node strip them): as a host does, the types of
// the births among the earlier files are given to the DATA metrics by alias (or name) before the
// payload is decoded. So pass the DBIRTH before the DDATA that follow it.
//
// JSON has no 64-bit integers: Int64, UInt64 and their arrays print as decimal strings; DateTime
// as milliseconds since the epoch; Bytes as base64.
//
// Usage: node decode.js FILE...

const fs = require('fs');
const sparkplug = require('sparkplug-payload').get('spBv1.0');
const Payload = require('sparkplug-payload/lib/sparkplugPayloadProto').org.eclipse.tahu.protobuf.Payload;

const ARRAY_TYPES = {
  22: 'Int8Array', 23: 'Int16Array', 24: 'Int32Array', 25: 'Int64Array', 26: 'UInt8Array',
  27: 'UInt16Array', 28: 'UInt32Array', 29: 'UInt64Array', 30: 'FloatArray', 31: 'DoubleArray',
  32: 'BooleanArray', 33: 'StringArray', 34: 'DateTimeArray',
};

/** Packed little-endian numbers: the element width and how to read one. */
const PACKED = {
  Int8Array: [1, (v, i) => v.getInt8(i)],
  Int16Array: [2, (v, i) => v.getInt16(i, true)],
  Int32Array: [4, (v, i) => v.getInt32(i, true)],
  Int64Array: [8, (v, i) => v.getBigInt64(i, true).toString()],
  UInt8Array: [1, (v, i) => v.getUint8(i)],
  UInt16Array: [2, (v, i) => v.getUint16(i, true)],
  UInt32Array: [4, (v, i) => v.getUint32(i, true)],
  UInt64Array: [8, (v, i) => v.getBigUint64(i, true).toString()],
  FloatArray: [4, (v, i) => v.getFloat32(i, true)],
  DoubleArray: [8, (v, i) => v.getFloat64(i, true)],
  DateTimeArray: [8, (v, i) => Number(v.getBigUint64(i, true))],
};

function unpackArray(type, bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'BooleanArray') {
    // A 4-byte little-endian count, then the values bit by bit, the first in the highest bit.
    const count = view.getUint32(0, true);
    const values = [];
    for (let i = 0; i < count; i++) {
      values.push((bytes[4 + (i >> 3)] & (0x80 >> (i & 7))) !== 0);
    }
    return values;
  }
  if (type === 'StringArray') {
    // UTF-8 strings, each ended by a zero byte.
    const values = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        values.push(Buffer.from(bytes.subarray(start, i)).toString('utf8'));
        start = i + 1;
      }
    }
    return values;
  }
  const [width, read] = PACKED[type];
  if (bytes.length % width !== 0) {
    throw new Error(type + ' of ' + bytes.length + ' bytes is not a whole number of elements');
  }
  const values = [];
  for (let at = 0; at < bytes.length; at += width) {
    values.push(read(view, at));
  }
  return values;
}

/** A decoded scalar as JSON can carry it. */
function plain(type, value) {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'object' && typeof value.low === 'number' && 'high' in value) {
    // A protobufjs Long: exact as text, except a DateTime, whose milliseconds fit a number.
    return type === 'DateTime' ? value.toNumber() : value.toString();
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString('base64');
  }
  return value;
}

/** Datatype numbers announced by the births read so far, by "alias:N" and by "name:X". */
const birthTypes = new Map();

function keys(metric) {
  const k = [];
  if (metric.alias !== null && metric.alias !== undefined && metric.alias.toString() !== '0') {
    k.push('alias:' + metric.alias.toString());
  }
  if (metric.name) {
    k.push('name:' + metric.name);
  }
  return k;
}

function withBirthTypes(bytes) {
  const raw = Payload.decode(bytes);
  let typed = false;
  for (const m of raw.metrics) {
    if (m.datatype) {
      keys(m).forEach((k) => birthTypes.set(k, m.datatype));
    } else {
      const known = keys(m).map((k) => birthTypes.get(k)).find((t) => t !== undefined);
      if (known !== undefined) {
        m.datatype = known;
        typed = true;
      }
    }
  }
  return typed ? Payload.encode(raw).finish() : bytes;
}

function decode(file) {
  const bytes = withBirthTypes(fs.readFileSync(file));
  const payload = sparkplug.decodePayload(bytes);
  const raw = Payload.decode(bytes);
  const metrics = payload.metrics.map((m, index) => {
    const wire = raw.metrics[index];
    const arrayType = ARRAY_TYPES[wire.datatype];
    const isNull = wire.isNull === true;
    let datatype = m.type;
    let value = plain(m.type, m.value);
    if (arrayType !== undefined) {
      datatype = arrayType;
      value = isNull ? null : unpackArray(arrayType, wire.bytesValue);
    }
    return {
      name: m.name === undefined ? null : m.name,
      alias: m.alias === undefined ? null : plain('UInt64', m.alias),
      datatype: datatype === undefined ? null : datatype,
      isNull,
      value,
    };
  });
  return { seq: payload.seq === undefined ? null : plain('UInt64', payload.seq), metrics };
}

for (const file of process.argv.slice(2)) {
  process.stdout.write(JSON.stringify({ file, ...decode(file) }) + '\n');
}
