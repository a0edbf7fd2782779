#include "codecs/js/compat_layer.hpp"

namespace hortillon::codecs::js {

namespace {
// Plain ES5, written for this project. The behaviour follows ECMA-262 closely enough for
// payload codecs: argument coercions, negative indices and NaN handling (includes finds NaN,
// indexOf does not) match node; iterator protocols are approximated with arrays.
constexpr std::string_view source = R"js(
(function (global) {
    'use strict';

    function define(target, name, value) {
        if (target === undefined || target === null || typeof target[name] !== 'undefined')
            return;
        Object.defineProperty(target, name,
            { value: value, writable: true, configurable: true, enumerable: false });
    }
    function toInteger(value) {
        var n = Number(value);
        if (n !== n) return 0;
        if (n === 0 || n === Infinity || n === -Infinity) return n;
        return n < 0 ? Math.ceil(n) : Math.floor(n);
    }
    function toLength(value) {
        var n = toInteger(value);
        return n <= 0 ? 0 : Math.min(n, 9007199254740991);
    }
    // A relative index (negative counts from the end) clamped to [0, length].
    function clampIndex(value, length, fallback) {
        if (value === undefined) return fallback;
        var n = toInteger(value);
        return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
    }
    function sameValueZero(a, b) {
        return a === b || (a !== a && b !== b);
    }
    function requireFunction(f, what) {
        if (typeof f !== 'function') throw new TypeError(what + ' is not a function');
    }
    // The elements of an iterable or array-like, as an array.
    function listOf(items) {
        if (items === null || items === undefined)
            throw new TypeError('object null is not iterable');
        if (typeof items === 'string') return items.split('');
        if (items instanceof HortillonCollection) return items.__hortillonList();
        var iteratorOf = typeof Symbol === 'function' && Symbol.iterator ? items[Symbol.iterator] : undefined;
        if (typeof iteratorOf === 'function' && !(Array.isArray(items))) {
            var list = [];
            var iterator = iteratorOf.call(items);
            for (var step = iterator.next(); !step.done; step = iterator.next()) list.push(step.value);
            return list;
        }
        var object = Object(items);
        var length = toLength(object.length);
        var result = new Array(length);
        for (var i = 0; i < length; i++) result[i] = object[i];
        return result;
    }

    // --- String ---
    function pad(text, targetLength, filler, atStart) {
        var s = String(text);
        var length = toLength(targetLength);
        var fill = filler === undefined ? ' ' : String(filler);
        if (length <= s.length || fill === '') return s;
        var needed = length - s.length;
        var padding = '';
        while (padding.length < needed) padding += fill;
        padding = padding.slice(0, needed);
        return atStart ? padding + s : s + padding;
    }
    var S = String.prototype;
    define(S, 'padStart', function padStart(length, filler) { return pad(this, length, filler, true); });
    define(S, 'padEnd', function padEnd(length, filler) { return pad(this, length, filler, false); });
    define(S, 'trimStart', function trimStart() { return String(this).replace(/^[\s\uFEFF\xA0]+/, ''); });
    define(S, 'trimEnd', function trimEnd() { return String(this).replace(/[\s\uFEFF\xA0]+$/, ''); });
    define(S, 'trimLeft', S.trimStart);
    define(S, 'trimRight', S.trimEnd);
    define(S, 'startsWith', function startsWith(search, position) {
        var s = String(this), p = clampIndex(position, s.length, 0);
        return s.substr(p, String(search).length) === String(search);
    });
    define(S, 'endsWith', function endsWith(search, endPosition) {
        var s = String(this), end = clampIndex(endPosition, s.length, s.length), t = String(search);
        return end - t.length >= 0 && s.substring(end - t.length, end) === t;
    });
    define(S, 'includes', function includes(search, position) {
        return String(this).indexOf(String(search), toInteger(position)) !== -1;
    });
    define(S, 'repeat', function repeat(count) {
        var n = toInteger(count), s = String(this), out = '';
        if (n < 0 || n === Infinity) throw new RangeError('Invalid count value: ' + count);
        for (var i = 0; i < n; i++) out += s;
        return out;
    });
    define(S, 'at', function at(index) {
        var s = String(this), n = toInteger(index);
        if (n < 0) n += s.length;
        return n < 0 || n >= s.length ? undefined : s.charAt(n);
    });
    define(S, 'replaceAll', function replaceAll(pattern, replacement) {
        if (pattern instanceof RegExp) {
            if (!pattern.global) throw new TypeError('replaceAll must be called with a global RegExp');
            return String(this).replace(pattern, replacement);
        }
        var parts = String(this).split(String(pattern));
        if (typeof replacement === 'function') {
            var out = parts[0];
            for (var i = 1; i < parts.length; i++) out += String(replacement(String(pattern))) + parts[i];
            return out;
        }
        return parts.join(String(replacement));
    });

    // --- Array ---
    var A = Array.prototype;
    function findFrom(list, predicate, thisArg, fromEnd) {
        requireFunction(predicate, 'predicate');
        var object = Object(list), length = toLength(object.length);
        for (var k = 0; k < length; k++) {
            var i = fromEnd ? length - 1 - k : k;
            if (predicate.call(thisArg, object[i], i, object)) return i;
        }
        return -1;
    }
    define(A, 'find', function find(predicate, thisArg) {
        var i = findFrom(this, predicate, thisArg, false);
        return i < 0 ? undefined : this[i];
    });
    define(A, 'findIndex', function findIndex(predicate, thisArg) { return findFrom(this, predicate, thisArg, false); });
    define(A, 'findLast', function findLast(predicate, thisArg) {
        var i = findFrom(this, predicate, thisArg, true);
        return i < 0 ? undefined : this[i];
    });
    define(A, 'findLastIndex', function findLastIndex(predicate, thisArg) { return findFrom(this, predicate, thisArg, true); });
    define(A, 'includes', function includes(search, fromIndex) {
        var object = Object(this), length = toLength(object.length);
        for (var i = clampIndex(fromIndex, length, 0); i < length; i++)
            if (sameValueZero(object[i], search)) return true;
        return false;
    });
    define(A, 'fill', function fill(value, start, end) {
        var object = Object(this), length = toLength(object.length);
        var last = clampIndex(end, length, length);
        for (var i = clampIndex(start, length, 0); i < last; i++) object[i] = value;
        return object;
    });
    define(A, 'at', function at(index) {
        var object = Object(this), length = toLength(object.length), n = toInteger(index);
        if (n < 0) n += length;
        return n < 0 || n >= length ? undefined : object[n];
    });
    function flatten(into, list, depth) {
        for (var i = 0; i < list.length; i++) {
            if (!(i in list)) continue;
            if (depth > 0 && Array.isArray(list[i])) flatten(into, list[i], depth - 1);
            else into.push(list[i]);
        }
        return into;
    }
    define(A, 'flat', function flat(depth) {
        return flatten([], Object(this), depth === undefined ? 1 : toInteger(depth));
    });
    define(A, 'flatMap', function flatMap(callback, thisArg) {
        return flatten([], A.map.call(this, callback, thisArg), 1);
    });
    // Iterators are approximated by arrays: enough for Array.from(list.keys()) and the like.
    define(A, 'keys', function keys() {
        var out = [], length = toLength(Object(this).length);
        for (var i = 0; i < length; i++) out.push(i);
        return out;
    });
    define(A, 'values', function values() { return A.slice.call(this); });
    define(A, 'entries', function entries() {
        var object = Object(this), out = [], length = toLength(object.length);
        for (var i = 0; i < length; i++) out.push([i, object[i]]);
        return out;
    });
    define(Array, 'from', function from(items, mapFn, thisArg) {
        if (mapFn !== undefined) requireFunction(mapFn, 'mapFn');
        var list = listOf(items);
        var out = new Array(list.length);
        for (var i = 0; i < list.length; i++)
            out[i] = mapFn === undefined ? list[i] : mapFn.call(thisArg, list[i], i);
        return out;
    });
    define(Array, 'of', function of() { return A.slice.call(arguments); });

    // --- Object ---
    define(Object, 'entries', function entries(object) {
        var keys = Object.keys(Object(object)), out = [];
        for (var i = 0; i < keys.length; i++) out.push([keys[i], object[keys[i]]]);
        return out;
    });
    define(Object, 'values', function values(object) {
        var keys = Object.keys(Object(object)), out = [];
        for (var i = 0; i < keys.length; i++) out.push(object[keys[i]]);
        return out;
    });
    define(Object, 'fromEntries', function fromEntries(entries) {
        var list = listOf(entries), out = {};
        for (var i = 0; i < list.length; i++) out[list[i][0]] = list[i][1];
        return out;
    });
    define(Object, 'assign', function assign(target) {
        var to = Object(target);
        for (var i = 1; i < arguments.length; i++) {
            var from = arguments[i];
            if (from === null || from === undefined) continue;
            var keys = Object.keys(Object(from));
            for (var k = 0; k < keys.length; k++) to[keys[k]] = from[keys[k]];
        }
        return to;
    });

    // --- Number and Math ---
    define(Number, 'isInteger', function isInteger(v) { return typeof v === 'number' && isFinite(v) && Math.floor(v) === v; });
    define(Number, 'isSafeInteger', function isSafeInteger(v) { return Number.isInteger(v) && Math.abs(v) <= 9007199254740991; });
    define(Number, 'isNaN', function isNaN(v) { return typeof v === 'number' && v !== v; });
    define(Number, 'isFinite', function isFinite(v) { return typeof v === 'number' && global.isFinite(v); });
    define(Number, 'parseFloat', global.parseFloat);
    define(Number, 'parseInt', global.parseInt);
    define(Math, 'trunc', function trunc(v) { var n = Number(v); return n < 0 ? Math.ceil(n) : Math.floor(n); });
    define(Math, 'sign', function sign(v) { var n = Number(v); return n > 0 ? 1 : n < 0 ? -1 : n; });
    define(Math, 'log2', function log2(v) { return Math.log(v) / Math.LN2; });
    define(Math, 'log10', function log10(v) { return Math.log(v) / Math.LN10; });
    define(Math, 'log1p', function log1p(v) { var n = Number(v); return Math.abs(n) < 1e-5 ? n - n * n / 2 + n * n * n / 3 : Math.log(1 + n); });
    define(Math, 'expm1', function expm1(v) { var n = Number(v); return Math.abs(n) < 1e-5 ? n + n * n / 2 + n * n * n / 6 : Math.exp(n) - 1; });
    define(Math, 'cbrt', function cbrt(v) { var n = Number(v); return n < 0 ? -Math.pow(-n, 1 / 3) : Math.pow(n, 1 / 3); });
    define(Math, 'sinh', function sinh(v) { return (Math.exp(v) - Math.exp(-v)) / 2; });
    define(Math, 'cosh', function cosh(v) { return (Math.exp(v) + Math.exp(-v)) / 2; });
    define(Math, 'tanh', function tanh(v) { var n = Number(v); if (n === Infinity) return 1; if (n === -Infinity) return -1; var a = Math.exp(2 * n); return (a - 1) / (a + 1); });
    if (typeof Float32Array === 'function')
        define(Math, 'fround', function fround(v) { var f = new Float32Array(1); f[0] = v; return f[0]; });

    // --- Typed arrays: the array methods duktape's typed arrays lack ---
    var typedArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
        'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'];
    var generic = ['forEach', 'every', 'some', 'reduce', 'reduceRight', 'join', 'indexOf',
        'lastIndexOf', 'find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'fill',
        'reverse', 'sort', 'keys', 'values', 'entries', 'at'];
    typedArrays.forEach(function (name) {
        var T = global[name];
        if (typeof T !== 'function') return;
        var P = T.prototype;
        generic.forEach(function (method) { define(P, method, A[method]); });
        define(P, 'slice', function slice(start, end) { return new this.constructor(A.slice.call(this, start, end)); });
        define(P, 'map', function map(callback, thisArg) { return new this.constructor(A.map.call(this, callback, thisArg)); });
        define(P, 'filter', function filter(callback, thisArg) { return new this.constructor(A.filter.call(this, callback, thisArg)); });
        define(P, 'toString', function toString() { return A.join.call(this, ','); });
        define(T, 'from', function from(items, mapFn, thisArg) { return new T(Array.from(items, mapFn, thisArg)); });
        define(T, 'of', function of() { return new T(A.slice.call(arguments)); });
    });

    // --- Map and Set: insertion-ordered, SameValueZero keys, linear lookup (codecs keep a
    // handful of entries) ---
    function HortillonCollection() {}
    HortillonCollection.prototype.__hortillonIndex = function (key) {
        for (var i = 0; i < this.__keys.length; i++) if (sameValueZero(this.__keys[i], key)) return i;
        return -1;
    };
    function collectionMethods(C, isMap) {
        var P = C.prototype = new HortillonCollection();
        P.constructor = C;
        Object.defineProperty(P, 'size', { get: function () { return this.__keys.length; } });
        P.has = function has(key) { return this.__hortillonIndex(key) >= 0; };
        P['delete'] = function (key) {
            var i = this.__hortillonIndex(key);
            if (i < 0) return false;
            this.__keys.splice(i, 1);
            this.__values.splice(i, 1);
            return true;
        };
        P.clear = function clear() { this.__keys.length = 0; this.__values.length = 0; };
        P.forEach = function forEach(callback, thisArg) {
            for (var i = 0; i < this.__keys.length; i++)
                callback.call(thisArg, this.__values[i], this.__keys[i], this);
        };
        P.keys = function keys() { return this.__keys.slice(); };
        P.values = function values() { return this.__values.slice(); };
        P.entries = function entries() {
            var out = [];
            for (var i = 0; i < this.__keys.length; i++) out.push([this.__keys[i], this.__values[i]]);
            return out;
        };
        P.__hortillonList = isMap ? P.entries : P.values;
    }
    function hidden(object, name) {
        Object.defineProperty(object, name, { value: [], writable: true, enumerable: false });
    }
    if (typeof global.Map === 'undefined') {
        var HortillonMap = function Map(entries) {
            if (!(this instanceof HortillonMap)) throw new TypeError("Constructor Map requires 'new'");
            hidden(this, '__keys');
            hidden(this, '__values');
            if (entries !== undefined && entries !== null) {
                var list = listOf(entries);
                for (var i = 0; i < list.length; i++) this.set(list[i][0], list[i][1]);
            }
        };
        collectionMethods(HortillonMap, true);
        HortillonMap.prototype.get = function get(key) {
            var i = this.__hortillonIndex(key);
            return i < 0 ? undefined : this.__values[i];
        };
        HortillonMap.prototype.set = function set(key, value) {
            var i = this.__hortillonIndex(key);
            if (i >= 0) {
                this.__values[i] = value;
            } else {
                this.__keys.push(key);
                this.__values.push(value);
            }
            return this;
        };
        define(global, 'Map', HortillonMap);
    }
    if (typeof global.Set === 'undefined') {
        var HortillonSet = function Set(values) {
            if (!(this instanceof HortillonSet)) throw new TypeError("Constructor Set requires 'new'");
            hidden(this, '__keys');
            hidden(this, '__values');
            if (values !== undefined && values !== null) {
                var list = listOf(values);
                for (var i = 0; i < list.length; i++) this.add(list[i]);
            }
        };
        collectionMethods(HortillonSet, false);
        HortillonSet.prototype.add = function add(value) {
            if (this.__hortillonIndex(value) < 0) {
                this.__keys.push(value);
                this.__values.push(value);
            }
            return this;
        };
        define(global, 'Set', HortillonSet);
    }

    define(global, 'globalThis', global);
})(this);
)js";
}  // namespace

auto compat_layer_source() -> std::string_view {
    return source;
}

}  // namespace hortillon::codecs::js
