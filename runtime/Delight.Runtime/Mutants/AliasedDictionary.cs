using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Delight.Runtime.Mutants;

/// <summary>
/// The one mutable escape hatch, used only by the <see cref="Mutant.AliasedState"/> seeded defect (RUNTIME.md §1.8):
/// it looks immutable but every "copy-on-write" operation mutates in place and returns itself, so a previous state and
/// the next one share (and both see) every change, like HEAD's Go maps.
/// </summary>
internal sealed class AliasedDictionary<TKey, TValue> : IImmutableDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly SortedDictionary<TKey, TValue> _items;

    private AliasedDictionary(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        _items = new SortedDictionary<TKey, TValue>();
        foreach (var (k, v) in items)
        {
            _items[k] = v;
        }
    }

    public static IImmutableDictionary<TKey, TValue> Adopt(IImmutableDictionary<TKey, TValue> source) =>
        source as AliasedDictionary<TKey, TValue> ?? new AliasedDictionary<TKey, TValue>(source);

    public TValue this[TKey key] => _items[key];

    public IEnumerable<TKey> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public int Count => _items.Count;

    public IImmutableDictionary<TKey, TValue> Add(TKey key, TValue value)
    {
        _items.Add(key, value);
        return this;
    }

    public IImmutableDictionary<TKey, TValue> AddRange(IEnumerable<KeyValuePair<TKey, TValue>> pairs)
    {
        foreach (var (k, v) in pairs)
        {
            _items.Add(k, v);
        }

        return this;
    }

    public IImmutableDictionary<TKey, TValue> Clear()
    {
        _items.Clear();
        return this;
    }

    public bool Contains(KeyValuePair<TKey, TValue> pair) =>
        _items.TryGetValue(pair.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, pair.Value);

    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public IImmutableDictionary<TKey, TValue> Remove(TKey key)
    {
        _items.Remove(key);
        return this;
    }

    public IImmutableDictionary<TKey, TValue> RemoveRange(IEnumerable<TKey> keys)
    {
        foreach (var k in keys)
        {
            _items.Remove(k);
        }

        return this;
    }

    public IImmutableDictionary<TKey, TValue> SetItem(TKey key, TValue value)
    {
        _items[key] = value;
        return this;
    }

    public IImmutableDictionary<TKey, TValue> SetItems(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        foreach (var (k, v) in items)
        {
            _items[k] = v;
        }

        return this;
    }

    public bool TryGetKey(TKey equalKey, out TKey actualKey)
    {
        actualKey = equalKey;
        return _items.ContainsKey(equalKey);
    }

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);
}
