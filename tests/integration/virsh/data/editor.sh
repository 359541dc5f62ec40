#!/bin/sh
# The $EDITOR of the golden tests: a fixed set of edits, each one applying to one kind
# of object (a domain's memory, a network's bridge, a pool's target path).
sed -i -e "s|<currentMemory unit='KiB'>2097152<|<currentMemory unit='KiB'>1048576<|" \
       -e "s|<bridge name='virbr0'|<bridge name='virbr5'|" \
       -e "s|<path>/default-pool</path>|<path>/default-pool-edited</path>|" "$1"
