package br.com.cdcplusoft.dev.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A child for the tests: prints READY, echoes each line of its standard input, exits when it closes. */
public final class EchoMain {

    private EchoMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + String.join(" ", args));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            System.out.println("ECHO " + line);
            System.out.flush();
        }
        System.out.println("BYE");
    }
}
