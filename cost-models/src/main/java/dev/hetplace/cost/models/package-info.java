/** A platform's device cost models, assembled from its profile and cost-source settings. */
package dev.hetplace.cost.models;
