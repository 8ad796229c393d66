/** The interposer: the object a unit's proxy points at while interceptors are registered for the unit. */
package io.liveswap.core.interposition;
