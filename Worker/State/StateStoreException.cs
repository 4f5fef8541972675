namespace SfBridge.State;

/// <summary>
/// The state database cannot be used (unreachable, not a database, a newer schema, in use by another worker). The
/// message names the setting and where the database is, never the connection string: it may hold a password.
/// </summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);
