namespace Ascribe.Store.Ingest;

/// <summary>Articles added to the queue, and those already queued or stored (same outlet and text).</summary>
public sealed record EnqueueResult(int Added, int AlreadyKnown);
