using Ascribe.Core.Documents;

namespace Ascribe.Store.Queries;

/// <summary>
/// One stored article rebuilt as a <see cref="Document"/>: original text, metadata, attributions
/// (with their original offsets), entities and flags. Tokens and sentences are not stored.
/// </summary>
/// <param name="Id">Store id of the document.</param>
/// <param name="ExternalId">Id the article was ingested under (file name or JSONL id).</param>
/// <param name="DuplicateOf">Store id of the earlier near-duplicate, or null.</param>
/// <param name="Doc">The rebuilt document; its <see cref="Document.Id"/> is <paramref name="ExternalId"/>.</param>
/// <param name="SpeakerIds">Cross-document speaker id of each attribution in <paramref name="Doc"/> (same order), or null.</param>
public sealed record StoredDocument(long Id, string ExternalId, long? DuplicateOf, Document Doc, IReadOnlyList<long?> SpeakerIds);
