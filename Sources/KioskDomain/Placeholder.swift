// Placeholder until the first domain type lands.
