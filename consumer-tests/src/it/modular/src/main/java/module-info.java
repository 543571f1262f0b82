/** A consumer of agp-java on the module path. */
module example.modular {
  requires dev.agp.client;
  requires dev.agp.sandbox;
}
